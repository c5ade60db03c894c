"""In-app notifications: the bell in the site menu and the reader's list."""
