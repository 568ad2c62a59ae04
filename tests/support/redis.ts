// Queue tests start their own redis-server on a free loopback port (the benchmark does the same).
export {
  redisUnavailable,
  startRedisServer as startRedis,
  type RedisServer,
} from '../../src/main/bench/redisServer';
