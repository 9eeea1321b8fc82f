"""File input and output: project files, migrations, exports."""
