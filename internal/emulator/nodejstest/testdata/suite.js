// Drives the Snowflake emulator with the official Node.js driver (snowflake-sdk). Run by
// nodejs_test.go, which starts the emulator, installs the driver and passes the settings in EMU_*
// variables. Each scenario prints one JSON line {"name", "value"} or {"name", "error", "code"}; the
// Go test asserts them, so this script only reports and never decides.
'use strict';
const sf = require('snowflake-sdk');

sf.configure({ logLevel: 'OFF', disableOCSPChecks: true });

const env = process.env;
const base = { account: env.EMU_ACCOUNT, accessUrl: env.EMU_URL };

function connect(opts) {
  const conn = sf.createConnection(Object.assign({}, base, opts));
  return new Promise((resolve, reject) => conn.connect((err, c) => (err ? reject(err) : resolve(c))));
}

function exec(conn, sqlText, binds) {
  return new Promise((resolve, reject) =>
    conn.execute({ sqlText, binds, complete: (err, stmt, rows) => (err ? reject(err) : resolve(rows)) }));
}

function destroy(conn) {
  return new Promise((resolve) => conn.destroy(() => resolve()));
}

// run reports one scenario: fn(conn?) returns the value to report.
async function run(name, fn) {
  try {
    const value = await fn();
    console.log(JSON.stringify({ name, value }));
  } catch (err) {
    console.log(JSON.stringify({ name, error: String(err && err.message), code: err && err.code }));
  }
}

// whoAmI logs in with opts and returns [user, role].
async function whoAmI(opts) {
  const c = await connect(opts);
  try {
    const rows = await exec(c, 'SELECT CURRENT_USER() AS U, CURRENT_ROLE() AS R');
    return [rows[0].U, rows[0].R];
  } finally {
    await destroy(c);
  }
}

(async () => {
  const admin = { username: env.EMU_ADMIN_USER, password: env.EMU_ADMIN_PASSWORD };
  await run('password login', () => whoAmI(admin));
  await run('key pair login', () =>
    whoAmI({ username: env.EMU_JWT_USER, authenticator: 'SNOWFLAKE_JWT', privateKey: env.EMU_JWT_KEY }));
  await run('PAT login', () =>
    whoAmI({ username: env.EMU_PAT_USER, authenticator: 'PROGRAMMATIC_ACCESS_TOKEN', token: env.EMU_PAT }));
  await run('PAT as password', () => whoAmI({ username: env.EMU_PAT_USER, password: env.EMU_PAT }));
  await run('wrong password', () => whoAmI({ username: env.EMU_ADMIN_USER, password: 'wrong' }));

  const c = await connect(Object.assign({ clientSessionKeepAliveHeartbeatFrequency: 1800 }, admin));
  await run('heartbeat frequency echoed', () => c.getClientSessionKeepAliveHeartbeatFrequency());
  await run('create custom OAuth integration', async () => {
    const rows = await exec(c, "CREATE SECURITY INTEGRATION NODE_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM " +
      "OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://node.example.com/cb' ENABLED = TRUE");
    return rows[0].status;
  });
  await run('show integrations', async () => {
    const rows = await exec(c, "SHOW SECURITY INTEGRATIONS LIKE 'NODE_APP'");
    return rows.map((r) => [r.name, r.type, r.enabled]);
  });
  await run('describe integration', async () => {
    const rows = await exec(c, 'DESCRIBE SECURITY INTEGRATION NODE_APP');
    const redirect = rows.find((r) => r.property === 'OAUTH_REDIRECT_URI');
    return [rows.length > 10, redirect && redirect.property_value];
  });
  await run('zero rows', () => exec(c, "SHOW USERS LIKE 'NOBODY'"));
  await run('timestamp column', async () => {
    const rows = await exec(c, "SHOW USERS LIKE 'ADMIN'");
    const t = rows[0].created_on;
    return [t instanceof Date, t.getTime()];
  });
  await run('binds', async () => {
    const rows = await exec(c, 'SELECT ? AS Q, :2 AS N2, :1 AS N1', ['first', 'second']);
    return [rows[0].Q, rows[0].N2, rows[0].N1];
  });
  await run('bind in SHOW LIKE', async () => (await exec(c, 'SHOW SECURITY INTEGRATIONS LIKE :1', ['node_app'])).length);
  await run('syntax error', () => exec(c, 'SELEC 1'));
  await run('unknown object', () => exec(c, 'DESCRIBE SECURITY INTEGRATION NOPE'));
  await destroy(c);
})().catch((err) => {
  console.log(JSON.stringify({ name: 'suite', error: String(err && err.message), code: err && err.code }));
  process.exitCode = 1;
});
