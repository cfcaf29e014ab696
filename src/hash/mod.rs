//! E-mail address hashing as the OSC does it for dynamic lookups (not implemented yet).
