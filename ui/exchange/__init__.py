"""Getting data in and out: the File menu's Export and Import submenus and their dialogs."""
