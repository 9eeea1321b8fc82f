"""Climate: weather files, built-in climates and psychrometrics."""
