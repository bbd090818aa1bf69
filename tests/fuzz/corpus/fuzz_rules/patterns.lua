options { n = 3 }
check "p" (function(a) local t = {} for w in a.text:gmatch("%a+") do t[#t+1] = w end return #t > option "n", ("%d words"):format(#t) end)
