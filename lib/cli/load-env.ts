// Command-line entry points read .env files the same way `next dev|start` does.
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");
