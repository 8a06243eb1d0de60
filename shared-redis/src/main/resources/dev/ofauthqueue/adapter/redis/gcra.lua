-- One connection's rate budget as GCRA (the generic cell rate algorithm, as in redis-cell) over one hash key: field
-- t holds the theoretical arrival time (TAT), field h the end of OFAuth's wait after a 429, both in microseconds of
-- Redis's own clock: callers' clocks are never read.
-- KEYS[1]  the connection's budget key
-- ARGV[1]  'take' (reserve the next request's slot) or 'push' (OFAuth answered 429: nothing goes before ARGV[4])
-- ARGV[2]  the emission interval in microseconds (60e6 / requests per minute)
-- ARGV[3]  the burst: how many requests may go at once after a quiet spell
-- ARGV[4]  take: the longest the caller will wait, in microseconds; push: OFAuth's Retry-After in microseconds
-- ARGV[5]  how long the key outlives the budget's last use, in milliseconds
-- Returns {granted (1 or 0), wait in microseconds}. A take that would wait longer than ARGV[4] takes nothing.
-- A push leaves the budget one slot below empty and holds it until the wait is over; it refills meanwhile, up to one
-- slot short of the burst, so at the end of the wait it holds one slot less than OFAuth's bucket refilled in the same
-- time: a margin of one request.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local arg = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 't', 'h')
local tat = tonumber(state[1]) or 0
local hold = tonumber(state[2]) or 0
if tat < now then
  tat = now
end
local wait = 0
if ARGV[1] == 'take' then
  local slot = tat + interval - interval * burst
  if slot < hold then
    slot = hold
  end
  wait = slot - now
  if wait < 0 then
    wait = 0
  end
  if wait > arg then
    return {0, wait}
  end
  tat = tat + interval
else
  local held = now + arg
  local empty = now + interval * (burst + 1)
  if empty < held + interval then
    empty = held + interval
  end
  if empty <= tat and held <= hold then
    return {1, 0}
  end
  if empty > tat then
    tat = empty
  end
  if held > hold then
    hold = held
  end
end
local last = tat
if hold > last then
  last = hold
end
redis.call('HSET', KEYS[1], 't', string.format('%.0f', tat), 'h', string.format('%.0f', hold))
redis.call('PEXPIRE', KEYS[1], math.floor((last - now) / 1000) + tonumber(ARGV[5]))
return {1, wait}
