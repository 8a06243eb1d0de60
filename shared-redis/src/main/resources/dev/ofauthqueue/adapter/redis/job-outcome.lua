-- Records an item's outcome unless it already has a final one, and for a deletion its archive entry, atomically.
-- KEYS[1]  the job's outcomes: a hash from position to the flag F (final) or R (may be retried) and the outcome
-- KEYS[2]  the job's archive: a hash from position to what was kept of the deleted message
-- KEYS[3]  the archive index of this API key: a sorted set of job:position scored by the deletion's time (ms)
-- KEYS[4]  the job's intents: a hash from position to when its DELETE was about to go out; the outcome ends it
-- ARGV[1]  the item's position
-- ARGV[2]  the outcome, as written by the store
-- ARGV[3]  'F' for a final outcome (deleted, already gone, refused), 'R' for one a later run retries (failed)
-- ARGV[4]  the job's id
-- ARGV[5]  the archive entry, or '' when there is none
-- ARGV[6]  the archive entry's time in milliseconds
-- Returns 1 when the outcome was written, 0 when the item already had a final outcome and nothing was written.
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and string.sub(current, 1, 1) == 'F' then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. ARGV[2])
redis.call('HDEL', KEYS[4], ARGV[1])
if ARGV[3] == 'F' and ARGV[5] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[5])
  redis.call('ZADD', KEYS[3], ARGV[6], ARGV[4] .. ':' .. ARGV[1])
end
return 1
