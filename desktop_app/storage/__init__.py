"""Everything that speaks SQL: the schema, migrations, repositories, backups."""
