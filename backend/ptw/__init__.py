"""PTW — Permit-to-Work."""
