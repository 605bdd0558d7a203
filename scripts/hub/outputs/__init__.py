"""What a build writes besides the pages: feeds, search index, response headers, sitemap, picture copies, clean HTML."""
