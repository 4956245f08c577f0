"""Who may do what: accounts and sign-in, roles, period locks, and the audit trail."""
