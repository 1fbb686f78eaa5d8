"use client";
// A dialog that asks why before an action: marking a false positive, acknowledging as a developer.
import { useState } from "react";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";
import { Dialog } from "../ui/dialog";

interface TFormProps {
  intro: string;
  label: string;
  placeholder?: string;
  submitLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}

function ReasonForm({ intro, label, placeholder, submitLabel, danger, pending, error, onSubmit, onClose }: TFormProps) {
  const [reason, setReason] = useState("");
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onSubmit(reason.trim());
      }}
    >
      <p className="text-sm text-muted">{intro}</p>
      <label htmlFor="reason-text" className="text-xs font-medium uppercase tracking-wide text-muted">
        {label}
      </label>
      <textarea
        id="reason-text"
        required
        autoFocus
        rows={4}
        maxLength={2000}
        value={reason}
        placeholder={placeholder}
        onChange={(e) => setReason(e.target.value)}
        className="w-full rounded-md border border-border bg-surface px-2.5 py-1.5 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-none"
      />
      <ErrorNote error={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending || !reason.trim()}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

export function ReasonDialog({ open, title, ...form }: TFormProps & { open: boolean; title: string }) {
  // The form mounts only while open, so each opening starts blank.
  return (
    <Dialog open={open} title={title} onClose={form.onClose}>
      <ReasonForm {...form} />
    </Dialog>
  );
}
