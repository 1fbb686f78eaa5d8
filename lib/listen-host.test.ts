import { describe, expect, it } from "vitest";
import { listenHost } from "./listen-host";

describe("listenHost", () => {
  it("keeps a demo install on this machine unless HOST says otherwise, and says so", () => {
    expect(listenHost({ demoUsers: true, host: undefined })).toMatchObject({ host: "127.0.0.1", note: expect.stringMatching(/127\.0\.0\.1 only.*HOST=0\.0\.0\.0/) });
    expect(listenHost({ demoUsers: true, host: "0.0.0.0" })).toEqual({ host: "0.0.0.0", note: null });
    expect(listenHost({ demoUsers: false, host: undefined })).toEqual({ host: undefined, note: null });
  });
});
