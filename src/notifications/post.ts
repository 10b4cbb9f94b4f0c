import http from 'node:http';
import https from 'node:https';

// Kept-alive connections per subscriber: most notifications go to the same few callbacks.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 32 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 32 }),
};

/**
 * POSTs a body to a subscriber and answers its status code (the answer's body is read and dropped).
 * Uses node:http with kept-alive connections: per delivery it costs a fraction of what fetch() does,
 * which matters when one notification goes to many abonnementen. Redirects are not followed.
 */
export function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new Error(`ongeldige URL ${url}`));
      return;
    }
    const agent = agents[target.protocol as keyof typeof agents];
    if (!agent) {
      reject(new Error(`protocol ${target.protocol} wordt niet ondersteund`));
      return;
    }
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(
      target,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
        res.on('close', () => {
          if (!res.complete) reject(new Error('antwoord afgebroken'));
        });
      },
    );
    // A whole-request deadline as well as the idle one: a subscriber that trickles its answer is cut off too.
    const deadline = setTimeout(
      () => req.destroy(new Error(`geen antwoord binnen ${timeoutMs} ms`)),
      timeoutMs,
    );
    req.on('timeout', () => req.destroy(new Error(`geen antwoord binnen ${timeoutMs} ms`)));
    req.on('error', reject);
    req.on('close', () => clearTimeout(deadline));
    req.end(body);
  });
}
