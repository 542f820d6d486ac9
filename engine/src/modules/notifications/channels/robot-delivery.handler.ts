import type { AppConfig, RobotPlatform } from '../../../config/app-config';
import { EgressRefusedError, type HttpEgress } from '../../../common/egress/http-egress';
import { PermanentJobError, type ClaimedJob, type JobHandler } from '../../jobs/job.types';
import { jobKindOf, type RobotJobPayload } from './channel.types';
import { robotBody, robotRefusal, signDingTalkUrl } from './robot.formats';

function isRobotPayload(p: ClaimedJob['payload']): p is ClaimedJob['payload'] & RobotJobPayload {
  return typeof p.content === 'string';
}

/**
 * Posts a notification to a chat robot through the guarded egress, with
 * `Idempotency-Key`. The robot URL (it holds the access token) is read from the config
 * at delivery, never stored in the job; DingTalk is signed at delivery because its
 * signature is only good for an hour.
 */
export function robotDeliveryHandler(
  platform: RobotPlatform,
  config: Pick<AppConfig, 'robotWebhooks' | 'dingtalkSecret'>,
  egress: HttpEgress,
  now: () => number = Date.now,
): JobHandler {
  return {
    kind: jobKindOf(platform),
    mode: 'external',
    async run(job: ClaimedJob): Promise<void> {
      if (!isRobotPayload(job.payload))
        throw new PermanentJobError(`the ${platform} job has no content`);
      const url = config.robotWebhooks[platform];
      if (!url) throw new PermanentJobError(`the ${platform} robot is not configured`);
      const target =
        platform === 'dingtalk' && config.dingtalkSecret
          ? signDingTalkUrl(url, config.dingtalkSecret, now())
          : url;
      let res;
      try {
        res = await egress.send({
          url: target,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': job.key,
            'user-agent': 'Liuyun-Notify/0.1',
          },
          body: JSON.stringify(robotBody(platform, job.payload.content)),
        });
      } catch (e) {
        if (e instanceof EgressRefusedError) throw new PermanentJobError(`refused: ${e.message}`);
        throw e;
      }
      if (res.status < 200 || res.status >= 300)
        throw new Error(`the ${platform} robot answered HTTP ${res.status}`);
      const refusal = robotRefusal(res.body);
      if (refusal) throw new Error(`the ${platform} robot refused the message: ${refusal}`);
    },
  };
}
