"""The printed documents: templates, fonts, images, catalogues and the renderer."""
