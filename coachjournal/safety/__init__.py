"""Keeping the journal safe: verified backups and passphrase encryption
(SQLCipher), including re-keying every copy the app keeps."""
