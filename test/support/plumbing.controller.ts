import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { Authenticated, Roles } from '../../src/common/route-policy';
import { Public } from '../../src/common/route-policy';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { Outbox } from '../../src/outbox/outbox';

export class EchoDto {
  @IsString()
  note!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  count!: number;
}

/** Routes that exist only in plumbing tests: an unexpected error, a role-limited route, a command with an effect. */
@Controller('plumbing')
export class PlumbingController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
  ) {}

  @Get('boom')
  @Public()
  boom(): never {
    throw new Error('SELECT password_hash FROM user_account -- at /srv/app/secret.ts:12');
  }

  @Get('sro-only')
  @Roles('sro')
  sroOnly(): { ok: true } {
    return { ok: true };
  }

  /** A command with one effect (an outbox row), so a replay can be counted. */
  @Post('commands')
  @Authenticated()
  command(@Body() dto: EchoDto): Promise<{ id: string; note: string; count: number }> {
    return this.uow.run(async (tx) => {
      const id = await this.outbox.add(tx, 'plumbingCommand', { note: dto.note });
      return { id, note: dto.note, count: dto.count };
    });
  }

  @Post('checks')
  @Authenticated()
  @HttpCode(200)
  check(@Body() dto: EchoDto): Promise<{ note: string }> {
    return this.uow.run(async (tx) => {
      await this.outbox.add(tx, 'plumbingCheck', { note: dto.note });
      return { note: dto.note };
    });
  }
}

/** A controller that forgot its access policy: the app must refuse to start. */
@Controller('forgotten')
export class ForgottenPolicyController {
  @Get()
  open(): string {
    return 'should never be reachable';
  }
}
