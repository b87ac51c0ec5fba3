"""Assessment procedures (seeds/000 Part 2) and the State management-training plan. Rules ASM-*, GOS-*."""
