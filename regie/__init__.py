"""Regiedashboard: commissioning facts for a municipality in a shared service centre."""
