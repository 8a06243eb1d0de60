-- One connection's rate budget as GCRA (the generic cell rate algorithm, as in redis-cell) over one key, a hash of
-- two instants in microseconds of Redis's own clock (callers' clocks are never read):
--   tat   the theoretical arrival time: the budget is full when tat <= now, empty when tat >= now + interval * burst
--   hold  nothing goes before it (OFAuth answered 429 with Retry-After)
-- KEYS[1]  the connection's budget key
-- ARGV[1]  'take' (reserve the next request's slot) or 'push' (OFAuth answered 429: empty the budget now, and hold
--          it for ARGV[4]; it refills meanwhile, as OFAuth's own bucket does)
-- ARGV[2]  the emission interval in microseconds (60e6 / requests per minute)
-- ARGV[3]  the burst: how many requests may go at once after a quiet spell
-- ARGV[4]  take: the longest the caller will wait, in microseconds; push: how long to hold, in microseconds
-- ARGV[5]  how long the key outlives the budget's last use, in milliseconds
-- Returns {granted (1 or 0), wait in microseconds}. A take that would wait longer than ARGV[4] takes nothing.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local arg = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'tat', 'hold')
local tat = tonumber(state[1] or 0)
local hold = tonumber(state[2] or 0)
if tat < now then
  tat = now
end
local wait = 0
if ARGV[1] == 'take' then
  local slot = tat + interval - interval * burst
  if slot < hold then
    slot = hold
  end
  if slot < now then
    slot = now
  end
  wait = slot - now
  if wait > arg then
    return {0, wait}
  end
  if slot > tat then
    tat = slot
  end
  tat = tat + interval
else
  local empty = now + interval * burst
  if tat < empty then
    tat = empty
  end
  if hold < now + arg then
    hold = now + arg
  end
end
local last = tat
if hold > last then
  last = hold
end
redis.call('HSET', KEYS[1], 'tat', string.format('%.0f', tat), 'hold', string.format('%.0f', hold))
redis.call('PEXPIRE', KEYS[1], math.floor((last - now) / 1000) + tonumber(ARGV[5]))
return {1, wait}
