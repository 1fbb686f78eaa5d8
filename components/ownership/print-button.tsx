"use client";
import { Printer } from "lucide-react";
import { Button } from "../ui/button";

export function PrintButton() {
  return (
    <Button onClick={() => window.print()} className="print:hidden">
      <Printer className="h-4 w-4" aria-hidden /> Print
    </Button>
  );
}
