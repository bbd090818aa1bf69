-- newsletter.lua: ranks newsletter candidates.
--
--   readstat rank --rules plugins/newsletter.lua --by newsletter articles/*
--
-- The score (0 to 100) multiplies three things, each between 0 and 1:
--   freshness  halves every `half_life_days` since meta.date (YYYY-MM-DD;
--              the CLI uses the file's modification date if the article
--              gives none); "today" is meta.today if given, else the clock
--   length     1 inside the reading-time band, falling off outside it
--   ease       Flesch Reading Ease / 100, clamped to 0..1

options {
  half_life_days = 7,
  band_min_minutes = 2,
  band_max_minutes = 8,
  stale_days = 30,   -- older than this: a warning, the article is stale
}

local function parse_date(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if not y then return nil end
  return os.time { year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12 }
end

local function age_days(a)
  local published = parse_date(a.meta.date)
  if not published then return nil end
  local today = parse_date(a.meta.today) or os.time()
  return math.max(0, (today - published) / 86400)
end

local function freshness(a)
  local age = age_days(a)
  if not age then return 0.5 end  -- undated: neither fresh nor stale
  return 0.5 ^ (age / option "half_life_days")
end

local function length_fit(a)
  local minutes = a.reading_time.seconds / 60
  local lo, hi = option "band_min_minutes", option "band_max_minutes"
  if minutes < lo then return minutes / lo end
  if minutes > hi then return hi / minutes end
  return 1
end

local function ease(a)
  local fre = a.readability.flesch_reading_ease or 0
  return math.min(1, math.max(0, fre / 100))
end

score "newsletter" (function(a)
  return 100 * freshness(a) * length_fit(a) * ease(a)
end)

score "freshness" (function(a) return 100 * freshness(a) end)

tag "newsletter-candidate" (function(a)
  return length_fit(a) == 1 and ease(a) >= 0.5 and freshness(a) >= 0.5
end)

check "newsletter-fresh" {
  level = "warning",
  run = function(a)
    local age = age_days(a)
    if not age then return false, "no date: give one with --meta date=YYYY-MM-DD", nil, "info" end
    if age > option "stale_days" then
      return false, ("published %d days ago (stale after %d)"):format(math.floor(age), option "stale_days")
    end
    return true, ("published %d days ago"):format(math.floor(age))
  end,
}
