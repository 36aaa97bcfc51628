"""Word files (.docx): their tables and the paragraphs of the notice; .doc is refused."""
