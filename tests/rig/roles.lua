-- SPDX-License-Identifier: GPL-3.0-or-later
-- Second passdb, after passdb oauth2 has verified the JWT (signature, issuer, audience, expiry).
-- Enforces the Exchange-style role per service and that the XOAUTH2 user= mailbox exists.
-- Claims arrive as extra fields (pass_attrs); Dovecot joins JSON arrays with TABs.
local MAILBOXES = "@STATE@/conf/dovecot/users"
local NEED = { imap = "IMAP.AccessAsApp", submission = "SMTP.SendAsApp", smtp = "SMTP.SendAsApp" }
local known = {}

function script_init()
  local f = io.open(MAILBOXES, "r")
  if f then
    for line in f:lines() do
      local u = line:match("^([^:#]+):")
      if u then known[u:lower()] = true end
    end
    f:close()
  end
  return 0
end

local function has(list, want)
  for r in string.gmatch(list or "", "[^\t ]+") do
    if r == want then return true end
  end
  return false
end

function auth_passdb_lookup(req)
  if not req.skip_password_check then
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, ""
  end
  local need = NEED[req.service]
  if need and not has(req.passdb["o365_roles"], need) then
    req:log_info("roles.lua: role " .. need .. " missing")
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, ""
  end
  if not known[req.user:lower()] then
    req:log_info("roles.lua: mailbox " .. req.user .. " unknown")
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, ""
  end
  return dovecot.auth.PASSDB_RESULT_OK, ""
end
