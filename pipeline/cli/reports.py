"""Commands of this group; registered on pipeline.cli.app.app."""
