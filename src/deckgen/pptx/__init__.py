"""DeckPlan -> .pptx bytes on a theme's template (the only package that imports python-pptx)."""
