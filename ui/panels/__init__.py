"""Property panel and site-wide forms (ui layer)."""
