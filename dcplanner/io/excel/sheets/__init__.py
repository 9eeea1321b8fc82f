"""One module per sheet (or group of sheets) of the capacity workbook."""
