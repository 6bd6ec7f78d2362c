"""The command line: the parser and start of the GUI in main, one module per group of
commands (export/import, passphrase, backups), and their shared options."""
