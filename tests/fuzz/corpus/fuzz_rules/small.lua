tag "t" (function(a) return a.counts.words > 3 end)
score "s" (function(a) return #a.sentences end)
check "c" { level = "warning", run = function(a) for _, s in ipairs(a.sentences) do if s.words > 5 then return false, "long", s end end return true end }
