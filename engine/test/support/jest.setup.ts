// Engine tests start a real engine and database per file: allow for that.
jest.setTimeout(120_000);
