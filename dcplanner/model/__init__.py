"""Site model: dataclasses, schema checks, geometry, catalog and validation."""
