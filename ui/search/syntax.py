"""The search box's help, in a module of its own: the box is on the first screen, the search
page is built on first use."""

SYNTAX_HELP = (
    "<p><b>Search everything</b> (Ctrl+F): notes, action items, assignments, skills and "
    "profiles.</p>"
    "<p>Words match their beginnings (<i>negot</i> finds <i>negotiation</i>); all must match. "
    '<i>"double quotes"</i> match a phrase.</p>'
    "<p>Narrow it as you type:<br/>"
    '<b>manager:</b>rania &nbsp; <b>manager:</b>"Rania Haddad"<br/>'
    "<b>kind:</b>field &nbsp; (one, field, call, career, team, informal; several: "
    "kind:field,call)<br/>"
    "<b>since:</b>2026-01 &nbsp; <b>until:</b>2026-06-30 &nbsp; (a year, month or day)<br/>"
    "<b>in:</b>notes &nbsp; (notes, actions, assignments, skills, profiles)</p>"
    "<p>Anything not understood is searched as words. Down moves into the results; Enter opens "
    "one.</p>"
)
