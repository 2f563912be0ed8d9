import type { Metadata } from "next";
import { NewTaskForm } from "@/components/task/new-task-form";

export const metadata: Metadata = { title: "New task" };

// GET /tasks/new – submit a task; on success the task page follows it live.
export default function NewTaskPage() {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">New task</h1>
      <NewTaskForm />
    </section>
  );
}
