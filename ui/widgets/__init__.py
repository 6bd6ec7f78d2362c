"""Small reusable widgets, and the pieces several screens share (the timeline's item model,
saving a chart, the results charts' hover text), so that no two screens import each other."""
