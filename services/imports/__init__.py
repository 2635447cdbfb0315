"""Bulk imports from files (établissements d'accueil…)."""
