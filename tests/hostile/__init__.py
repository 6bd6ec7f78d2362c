"""The trust boundary attacked from outside, one module per class: crafted and hand-edited files,
other users, odd paths, read-only and full disks, closed pipes. Real processes on real files."""
