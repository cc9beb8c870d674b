"""Safety rules: nothing a volunteer writes may run code or load content from elsewhere."""
