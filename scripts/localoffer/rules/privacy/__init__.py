"""Privacy rules: no family's personal data on a public site."""
