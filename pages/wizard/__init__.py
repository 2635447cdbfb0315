"""« Créer une nouvelle convention »: the wizard of the guide's steps 1–8, its drafts, modification and deletion."""

from pages.wizard import page as page
