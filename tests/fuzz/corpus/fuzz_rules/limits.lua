check "loop" (function() while true do end end)
tag "x" (function() return pcall(string.rep, "x", 1e9) end)
