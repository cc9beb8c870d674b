"""Page metadata rules: front matter, review dates, topic coverage, "You said, we did",
and the services data files."""
