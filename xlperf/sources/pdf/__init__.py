"""PDF files: ruled tables page by page (joined where a table goes on), and their text lines."""
