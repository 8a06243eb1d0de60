-- Records an item's outcome unless it already has a final one, and for a deletion its archive entry, atomically.
-- KEYS[1]  the job's outcomes: a hash from position to the flag F (final), R (may be retried) or Q (queued again)
--          and the outcome
-- KEYS[2]  the job's archive: a hash from position to what was kept of the deleted message
-- KEYS[3]  the archive index of this API key: a sorted set of job:position scored by the deletion's time (ms)
-- KEYS[4]  the job's intents: a hash from position to when its DELETE was about to go out
-- KEYS[5]  the stream of the item's connection
-- ARGV[1]  the item's position
-- ARGV[2]  the outcome, as written by the store
-- ARGV[3]  'F' for a final outcome (deleted, already gone, refused), 'R' for one a later run retries (failed)
-- ARGV[4]  the job's id
-- ARGV[5]  the archive entry, or '' when there is none
-- ARGV[6]  the archive entry's time in milliseconds
-- ARGV[7]  the consumer group
-- ARGV[8]  the consumer recording the outcome, or '' for the store itself (an item set aside as a dead letter)
-- ARGV[9]  its stream entry for the item
-- ARGV[10] its claim's fence
-- ARGV[11] 'A' for the answer to this consumer's own DELETE, which may still be recorded after its lease; 'H' for an
--          outcome only the holder may write
-- The consumer that holds the item under its claim writes the outcome, ends the intent and takes the item out of the
-- line in one step, so no crash can keep one without the other. A consumer that no longer holds it (the answer to its
-- DELETE came after its lease, and another claimed the item) writes only a final outcome, only where none exists, and
-- leaves the intent alone; the item then leaves the line, so its new holder's next renewal finds it lost and sends
-- nothing more for it.
-- Returns 1 when written, 0 when the item already had a final outcome, -1 when nothing was written because this
-- consumer no longer holds the item and may not write this outcome.
local holder = false
if ARGV[8] ~= '' then
  local pending = redis.call('XPENDING', KEYS[5], ARGV[7], ARGV[9], ARGV[9], 1)
  holder = #pending == 1 and pending[1][2] == ARGV[8] and tostring(pending[1][4]) == ARGV[10]
  if not holder and (ARGV[3] ~= 'F' or ARGV[11] ~= 'A') then
    return -1
  end
end
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and string.sub(current, 1, 1) == 'F' then
  if holder then
    redis.call('XACK', KEYS[5], ARGV[7], ARGV[9])
  end
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. ARGV[2])
if holder or ARGV[8] == '' then
  redis.call('HDEL', KEYS[4], ARGV[1])
end
if ARGV[3] == 'F' and ARGV[5] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[5])
  redis.call('ZADD', KEYS[3], ARGV[6], ARGV[4] .. ':' .. ARGV[1])
end
if ARGV[8] ~= '' then
  redis.call('XACK', KEYS[5], ARGV[7], ARGV[9])
end
return 1
