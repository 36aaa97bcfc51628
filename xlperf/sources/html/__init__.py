"""Web pages saved from a browser (.html/.htm): their tables and the notice text around them."""
