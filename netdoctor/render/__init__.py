"""Renderers: a Report in words for people (text) and in JSON for machines."""
