-- checks.lua: what the Lua test files share.  A test file finds it next
-- to itself:
--   package.path = (arg[0]:match("(.*/)") or "./") .. "?.lua;" .. package.path
--   local checks = require "checks"
local checks = {failures = 0, count = 0}

-- Prints "ok   name" or "FAIL name: detail" and counts it.
function checks.ok(name, cond, detail)
  checks.count = checks.count + 1
  if cond then
    print("ok   " .. name)
  else
    checks.failures = checks.failures + 1
    print("FAIL " .. name .. (detail ~= nil and (": " .. tostring(detail)) or ""))
  end
end

-- The bytes of the file at path.
function checks.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- Whether f raises an error whose text holds pattern (plainly), and the error.
function checks.raises(f, pattern)
  local good, err = pcall(f)
  return not good and tostring(err):find(pattern, 1, true) ~= nil, err
end

-- Prints the totals and exits: 0 when every check passed.
function checks.done()
  print(("%d checks, %d failed"):format(checks.count, checks.failures))
  os.exit(checks.failures == 0 and 0 or 1)
end

return checks
