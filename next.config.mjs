// Next.js configuration for Carti Studio.
// Cross-origin isolation (spec/browser-emulation.md §4.2): COOP same-origin + COEP require-corp on every path,
// so the emulator worker can share memory with the page through SharedArrayBuffer. They apply to public/
// files too; the app loads no cross-origin subresources, so nothing else needs CORP headers.
const crossOriginIsolationHeaders = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next build` type-checks the web app's own program (app, components, lib), not the CLI or the emulator's
  // test harness, which `npm run typecheck` covers with the root tsconfig.json.
  typescript: { tsconfigPath: 'tsconfig.app.json' },
  // The AssemblyScript sources and the guest build tree are not part of the app's program.
  outputFileTracingExcludes: { '*': ['emulator-wasm/assembly/**', 'guest/**'] },
  async headers() {
    return [{ source: '/:path*', headers: crossOriginIsolationHeaders }];
  },
};

export default nextConfig;
