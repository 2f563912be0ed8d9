/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded by Node at run time rather than bundled: PGlite and the schema engine
  // read their WebAssembly files from their own package folders.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/schema-engine-wasm"],
  // .next/standalone: the server with only the files it needs, for the Docker image.
  output: "standalone",
  // Read at run time by path, which tracing cannot see: the schema and migrations
  // applied at start, and the schema engine's WebAssembly (lib/db/migrations.ts).
  outputFileTracingIncludes: {
    "/*": ["./prisma/schema.prisma", "./prisma/migrations/**/*", "./node_modules/@prisma/schema-engine-wasm/**/*"],
  },
  // The stream and API must never be gzipped by Next (SSE needs each event flushed).
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
  // On every response; pages also get a Content-Security-Policy with a nonce (proxy.ts).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
