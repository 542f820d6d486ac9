// R1–R5 run hundreds of concurrent requests across engine processes; on a shared 2-core
// machine under load a test can take a few minutes without anything being wrong.
jest.setTimeout(300_000);
