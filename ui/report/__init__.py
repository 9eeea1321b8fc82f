"""The design report in PDF: solved results laid out on A4 pages with QPdfWriter (ui layer)."""
